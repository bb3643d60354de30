@_exported import LinearAlgebra
@_exported import DataIO
@_exported import Modeling
@_exported import SVM
@_exported import LinearModels
@_exported import LinearClassifiers
@_exported import Decomposition
@_exported import Reports
