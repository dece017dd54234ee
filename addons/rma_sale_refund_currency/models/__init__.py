from . import rma
