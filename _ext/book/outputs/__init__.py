"""Outputs: what is done with the pages once the features have made them — the data
published with the site (``data_files``), the web site (``site``), paper and e-book
(``paper``) and the checks on contributors' pages (``checks``)."""
