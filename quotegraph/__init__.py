"""quotegraph: find who said what in news articles, code the claims, explore the network.

The domain core. Plain Python with no Streamlit import, usable from a notebook and from the
command line (``python -m quotegraph ...``).
"""

__version__ = "0.1.0"
