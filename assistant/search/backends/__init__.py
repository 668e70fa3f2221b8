"""search/backends"""
