"""The indicator register (指标体系及责任分工) read and merged into the site."""
