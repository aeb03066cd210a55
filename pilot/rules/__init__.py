"""The program's pure rules over plain values (no ORM): budget arithmetic and the scorecard rule."""
