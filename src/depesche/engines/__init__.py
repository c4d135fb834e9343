"""depesche.engines"""
