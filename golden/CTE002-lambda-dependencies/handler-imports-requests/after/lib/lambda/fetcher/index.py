"""Fetches exchange rates for the payments API."""
import json
import os

import boto3
import requests
from psycopg2 import connect

from helpers import parse_rates


def handler(event, context):
    rates = parse_rates(requests.get(os.environ["RATES_URL"], timeout=5).json())
    with connect(os.environ["DSN"]) as db:
        db.cursor().execute("insert into rates values (%s)", [json.dumps(rates)])
    boto3.client("sns").publish(TopicArn=os.environ["TOPIC"], Message="rates updated")
