package main

import (
	"runtime/debug"
	"strings"
	"testing"
)

// The golden outputs name this version, whatever the build says.
func init() { callscopeVersion = "v0.0.0-golden" }

func TestVersionCommand(t *testing.T) {
	defer func(v string) { callscopeVersion = v }(callscopeVersion)
	callscopeVersion = "v1.2.3-test (abcdef123456 modified)"
	for _, args := range [][]string{{"--version"}, {"version"}, {"-version"}} {
		code, out, errs := runCLI(t, "", args...)
		if code != exitOK || out != "callscope "+callscopeVersion+"\n" || errs != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errs)
		}
	}
	code, out, errs := runCLI(t, "", "version", "extra")
	if code != exitUsage || out != "" || !strings.Contains(errs, "no arguments") || strings.Count(errs, "\n") != 1 {
		t.Errorf("version extra: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	// The report says it too.
	if code, out, _ := runCLI(t, "", "report"); code != exitOK || !strings.HasSuffix(out, "\ncallscope "+callscopeVersion+"\n") {
		t.Errorf("the report does not end with the version: %q", out[max(0, len(out)-80):])
	}
}

func TestVersionOfTheBuild(t *testing.T) {
	set := func(kv ...string) []debug.BuildSetting {
		var s []debug.BuildSetting
		for i := 0; i < len(kv); i += 2 {
			s = append(s, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return s
	}
	for _, c := range []struct {
		main     string
		settings []debug.BuildSetting
		want     string
	}{
		{"v1.4.0", nil, "v1.4.0"},
		{"", nil, "(devel)"},
		{"(devel)", set("vcs.revision", "b7b300c1234a5678deadbeef", "vcs.modified", "true"), "(devel) b7b300c1234a modified"},
		{"(devel)", set("vcs.revision", "b7b300c1234a5678deadbeef", "vcs.modified", "false"), "(devel) b7b300c1234a"},
		// Go's own pseudo-version already names the commit and the changes.
		{"v0.0.0-20261130064800-b7b300c1234a+dirty", set("vcs.revision", "b7b300c1234a5678deadbeef", "vcs.modified", "true"), "v0.0.0-20261130064800-b7b300c1234a+dirty"},
		{"(devel)", set("vcs.revision", "abc"), "(devel) abc"},
	} {
		bi := &debug.BuildInfo{Main: debug.Module{Version: c.main}, Settings: c.settings}
		if got := versionOf(bi); got != c.want {
			t.Errorf("versionOf(%q, %v) = %q, want %q", c.main, c.settings, got, c.want)
		}
	}
}
