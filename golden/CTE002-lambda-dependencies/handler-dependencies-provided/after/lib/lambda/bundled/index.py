import requests


def handler(event, context):
    return requests.get(event["url"], timeout=5).status_code
