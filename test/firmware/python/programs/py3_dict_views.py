# Python 3 dict views print as dict_keys([...]) / dict_values([...]) / dict_items([...]);
# keys and items views combine with sets as sets.
d = {"a": 1, "b": 2}
print(d.keys())
print(d.values())
print(d.items())
print({}.keys(), repr({1: (2,)}.items()))
print(sorted(d.keys() & {"a", "z"}), sorted(d.keys() | {"c"}), sorted(d.keys() - {"a"}))
print(d.keys() == {"a", "b"}, sorted(d.items() & {("a", 1)}))
