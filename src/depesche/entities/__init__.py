"""depesche.entities"""
