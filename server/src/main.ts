// Language server process entry (to be written).
