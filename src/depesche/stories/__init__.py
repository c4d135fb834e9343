"""depesche.stories"""
