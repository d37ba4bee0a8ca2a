//go:build !unix

package main

// userTemp returns "": outside Unix the system's temporary folder is
// already the user's own (on Windows, in the user's profile), so private
// folders are made in it directly.
func userTemp(parent string) (dir string, made bool) { return "", false }
