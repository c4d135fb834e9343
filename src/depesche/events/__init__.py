"""depesche.events"""
