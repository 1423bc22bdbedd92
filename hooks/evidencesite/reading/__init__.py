"""What staff wrote, read into the model: pages, front matter, the evidence folder, Git history."""
