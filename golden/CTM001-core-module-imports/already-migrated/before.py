"""Already on CDK Terrain; cdktf.out and "cdktf" in strings and comments stay."""
import cdktn
from cdktn import App

OUTDIR = "cdktf.out"  # cdktf synth's folder name
MODULE = "cdktf"

app = App(outdir=OUTDIR)
cdktn.Testing.synth_scope
