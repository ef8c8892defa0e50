@_exported import CorpGraph
