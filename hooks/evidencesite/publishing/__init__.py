"""What leaves the site: exports, packages, PDFs, labels, integrity and sealing."""
