def tags():
    return {"ManagedBy": "cdktf"}
