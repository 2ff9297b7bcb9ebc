from cdktf_cdktf_provider_aws import cloudtrail, codepipeline, elb, vpc


def network(scope):
    # these four namespaces are also modules of the new layout: each use is judged by its old name
    main = vpc.Vpc(scope, "main", cidr_block="10.0.0.0/16")
    vpc.Subnet(scope, "a", vpc_id=main.id, cidr_block="10.0.1.0/24")
    elb.Lb(scope, "lb", internal=False)
    cloudtrail.CloudtrailEventDataStore(scope, "events", name="events")
    codepipeline.CodepipelineWebhook(scope, "hook", authentication="UNAUTHENTICATED", name="hook",
                                     target_action="Source", target_pipeline="pipe",
                                     filter=[codepipeline.CodepipelineWebhookFilter(json_path="$.ref", match_equals="main")])
