package main

import (
	"fmt"
	"runtime/debug"
	"strings"
)

// callscopeVersion is callscope's version as its build recorded it, for tickets:
// `callscope version` prints it and every report ends with it. Tests set
// their own.
var callscopeVersion = buildVersion()

func buildVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(devel)"
	}
	return versionOf(bi)
}

// versionOf is the module's version ("(devel)" when built from a clone),
// and the commit and whether the tree had changes when the build recorded
// them and the version does not already say so (Go stamps a pseudo-version
// such as v0.0.0-20261130064800-b7b300c1234a+dirty when it can).
func versionOf(bi *debug.BuildInfo) string {
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value[:min(len(s.Value), 12)]
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev != "" && !strings.Contains(v, rev) {
		v += " " + rev
	}
	if modified == "true" && !strings.HasSuffix(v, "+dirty") {
		v += " modified"
	}
	return v
}

const versionUsage = `Usage: callscope version (or callscope --version)

Prints callscope's version: the module version, and the commit it was built
from when the build recorded it. Reports end with it too.
`

func cmdVersion(e *env, args []string) error {
	if len(args) > 0 {
		if args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
			fmt.Fprint(e.stdout, versionUsage)
			return nil
		}
		return usageError{fmt.Sprintf("version takes no arguments, got %q; see 'callscope version -h'", args[0])}
	}
	_, err := fmt.Fprintln(e.stdout, "callscope "+callscopeVersion)
	return err
}
