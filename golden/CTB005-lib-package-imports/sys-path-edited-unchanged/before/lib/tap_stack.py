class TapStack:
    pass
