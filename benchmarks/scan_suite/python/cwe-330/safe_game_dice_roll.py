# CWE-330 safe: random.randint rolls dice in a board-game bot; fairness matters, secrecy does not
import random


class DiceBot:
    def __init__(self, sides=6):
        self.sides = sides

    def roll(self, count=2):
        return [random.randint(1, self.sides) for _ in range(count)]

    def reply(self, player):
        dice = self.roll()
        return f"{player} rolled {dice} (total {sum(dice)})"
