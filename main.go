// Command callscope explores Microsoft Teams call records (Microsoft Graph
// callRecords) in the terminal, and prints reports of them.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv))
}
