"""Writing files safely and keeping work between builds: atomic writes, file sets, caches, scratch folders."""
