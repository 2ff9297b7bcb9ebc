from cdktf_cdktf_provider_random.password import Password
from cdktf_cdktf_provider_random.shuffle import Shuffle


def secrets(self):
    Password(self, "db", length=24, special=False, keepers={"rotation": "1"})
    Shuffle(self, "az", input=["us-east-1a"], result_count=1)
