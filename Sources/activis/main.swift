print("activis: under construction")
