"""Every sentence staff read: the findings and the importer's notices."""
