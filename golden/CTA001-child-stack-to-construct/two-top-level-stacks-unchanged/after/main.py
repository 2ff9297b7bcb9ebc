from cdktf import App

from lib.stacks import DnsStack, NetworkStack

app = App()
network = NetworkStack(app, "network")
DnsStack(app, "dns", vpc_id="vpc-123")
app.synth()
