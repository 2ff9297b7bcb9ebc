"""CTC: names, environments and accounts (catalog C): what keeps two environments, accounts and regions
of one app from colliding or pointing at each other."""
