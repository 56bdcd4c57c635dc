"""Given names that nearly always belong to one gender, for pronoun agreement.

Origin: written for kgbuild from general knowledge (no third-party list was copied, so
there is no licence to carry): common given names of English-speaking and European news,
each included only where the name is overwhelmingly used for one gender. Names used for
both (Alex, Chris, Jamie, Jordan, Kim, Lindsay, Robin, Sam, Sasha, Jean, Andrea ...) are
left out on purpose: an unknown gender only widens the candidates, a wrong one excludes the
right antecedent. Used for "he" / "she" agreement and as evidence that a name is a person.
"""

from __future__ import annotations

MASCULINE = frozenset("""
Aaron Abdul Adam Adrian Ahmed Alan Albert Aleksandr Alexander Alexei Alfred Ali Alistair Andrew
Andy Angus Anthony Antonio Archie Arnold Arthur Barry Ben Benjamin Bernard Bill Billy Bob Boris
Brendan Brian Bruce Bryan Carl Carlos Charles Charlie Christopher Clint Colin Craig Dan Daniel Danny
Darren Dave David Dean Denis Dennis Derek Dmitry Dominic Don Donald Douglas Duncan Ed Eddie Edward
Emmanuel Eric Ernest Fernando Francesco Francis Frank Fred Frederick Gary Gavin Geoff Geoffrey
George Gerald Gerard Gerhard Giovanni Giuseppe Gordon Graham Greg Gregory Hans Harold Harry Hector
Henry Howard Hugh Hugo Iain Ian Igor Isaac Ivan Jack Jacob Jacques James Jason Jeff Jeffrey Jeremy
Jerry Jim Jimmy Joe Joel Johan John Johnny Jon Jonathan Jorge Jose Joseph Juan Julian Karl Keith
Ken Kenneth Kevin Klaus Larry Leonard Liam Lionel Louis Luis Luke Malcolm Marco Mark
Martin Matt Matthew Michael Michel Mick Miguel Mike Mikhail Mohammed Muhammad Neil Nicholas Nick
Nigel Noel Oliver Oscar Owen Pablo Patrick Paul Pedro Peter Phil Philip Pierre Rafael Ralph Ray
Raymond Richard Rick Robert Roberto Rod Roger Ron Ronald Roy Rupert Russell Ryan Sean Sebastian
Sergei Sergey Simon Stanley Stefan Stephen Steve Steven Stuart Ted Terry Thomas Tim Timothy Tom
Tommy Tony Trevor Victor Vincent Vladimir Walter Wayne William Willie Yuri
""".split())

FEMININE = frozenset("""
Abigail Ada Agnes Alice Alison Amanda Amy Ana Angela Angelina Ann Anna Anne Annie Barbara Beatrice
Betty Beverley Brenda Bridget Carol Caroline Catherine Cathy Charlotte Cheryl Christina Christine
Claire Clare Claudia Diana Diane Dolly Donna Doris Dorothy Edith Eleanor Elena Elizabeth Ella Ellen
Elsa Emily Emma Erin Esther Eva Eve Fiona Florence Frances Gabriela Gillian Gina Grace Hannah Harriet
Hazel Heather Helen Helena Holly Ingrid Irene Isabel Isabella Jacqueline Jane Janet Janice
Jennifer Jenny Jessica Jill Joan Joanna Joanne Josephine Joy Judith Judy Julia Julie Karen Kate
Katharine Katherine Kathleen Kathryn Katie Katrina Kelly Laura Lauren Leah Linda Lisa Liz Lorraine
Louise Lucy Lydia Madeleine Maggie Margaret Maria Marie Marina Marion Martha Mary Maureen
Megan Melanie Melissa Michelle Miriam Monica Nadia Nancy Natalia Natalie Natasha Nicola Nicole
Nina Olga Olivia Pamela Patricia Paula Pauline Penelope Penny Rachel Rebecca Rita Rosa Rose Ruth
Sally Samantha Sandra Sara Sarah Sharon Sheila Silvia Sofia Sophia Sophie Stella Susan Suzanne
Svetlana Sylvia Tanya Teresa Theresa Tina Tracey Tracy Ursula Valerie Vanessa Vera Victoria Virginia
Wendy Yvonne Zoe
""".split())


def gender_of_first_name(name: str) -> str:
    """ "masc", "fem" or "" for the first word of a person's full name.

    >>> gender_of_first_name("Anna Berg"), gender_of_first_name("Tom Hale"), gender_of_first_name("Berg")
    ('fem', 'masc', '')
    """
    words = name.split()
    if len(words) < 2:
        return ""  # a lone word may be a surname ("Thomas", "Rose")
    first = words[0]
    if first in MASCULINE:
        return "masc"
    if first in FEMININE:
        return "fem"
    return ""
