//go:build !unix

package main

// userTemp returns "": outside Unix the system's temporary folder is
// already the user's own (on Windows, in the user's profile), so private
// folders are made in it directly, and removed at the end.
func userTemp(parent string) (dir string, made bool) { return "", false }

// takeTemp is never called outside Unix, where userTemp gives no folder.
func takeTemp(base string) *privateTemp { return nil }
