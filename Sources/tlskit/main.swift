print("tlskit")
