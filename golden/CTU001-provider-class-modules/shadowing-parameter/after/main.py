from cdktf_cdktf_provider_aws.db_instance import DbInstance


def database(scope):
    return DbInstance(scope, "db", instance_class="db.t3.micro")


def snapshot_of(rds):
    # `rds` here is the caller's client, not the provider's namespace: left alone
    return rds.DbInstance(identifier="db")
