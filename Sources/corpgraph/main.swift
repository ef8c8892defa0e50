import CorpGraph
print("corpgraph")
