"""Search: chunking, embedding, and the engines behind one small protocol."""
