def parse_rates(document):
    return document["rates"]
