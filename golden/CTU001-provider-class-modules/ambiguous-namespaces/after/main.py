from cdktf_cdktf_provider_aws import vpc
from cdktf_cdktf_provider_aws.subnet import Subnet
from cdktf_cdktf_provider_aws.lb import Lb
from cdktf_cdktf_provider_aws.cloudtrail_event_data_store import CloudtrailEventDataStore
from cdktf_cdktf_provider_aws.codepipeline_webhook import CodepipelineWebhook, CodepipelineWebhookFilter


def network(scope):
    # these four namespaces are also modules of the new layout: each use is judged by its old name
    main = vpc.Vpc(scope, "main", cidr_block="10.0.0.0/16")
    Subnet(scope, "a", vpc_id=main.id, cidr_block="10.0.1.0/24")
    Lb(scope, "lb", internal=False)
    CloudtrailEventDataStore(scope, "events", name="events")
    CodepipelineWebhook(scope, "hook", authentication="UNAUTHENTICATED", name="hook",
                                     target_action="Source", target_pipeline="pipe",
                                     filter=[CodepipelineWebhookFilter(json_path="$.ref", match_equals="main")])
