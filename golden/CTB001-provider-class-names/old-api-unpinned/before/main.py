from constructs import Construct
from cdktf import App, TerraformStack
from cdktf_cdktf_provider_aws import AwsProvider, ec2


class MyStack(TerraformStack):
    def __init__(self, scope: Construct, ns: str):
        super().__init__(scope, ns)
        AwsProvider(self, 'aws', region='us-east-1')
        ec2.Instance(self, 'compute', ami='ami-01456a894f71116f2', instance_type='t2.micro')


app = App()
MyStack(app, 'x')
app.synth()
