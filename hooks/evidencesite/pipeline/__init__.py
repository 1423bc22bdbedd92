"""The build in stages (read, check, plan, render, finish) and the state a build shares."""
