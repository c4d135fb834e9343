"""depesche.web"""
