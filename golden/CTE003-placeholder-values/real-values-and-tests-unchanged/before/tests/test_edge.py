from cdktf import Testing

from lib.edge import Edge


def test_edge_synthesizes():
    stack = Testing.synth_scope(lambda scope: Edge(scope, "edge", zone_id="Z1234567890ABC", domain="example.com"))
    assert "aws_route53_record" in stack
