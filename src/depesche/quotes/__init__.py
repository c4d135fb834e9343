"""depesche.quotes"""
