package graph

import (
	"strings"
	"testing"
)

func TestEndpoints(t *testing.T) {
	for _, tc := range []struct{ cloud, root, authority string }{
		{"", "https://graph.microsoft.com", "https://login.microsoftonline.com/"},
		{"global", "https://graph.microsoft.com", "https://login.microsoftonline.com/"},
		{" Global ", "https://graph.microsoft.com", "https://login.microsoftonline.com/"},
		{"usgov", "https://graph.microsoft.us", "https://login.microsoftonline.us/"},
		{"dod", "https://dod-graph.microsoft.us", "https://login.microsoftonline.us/"},
	} {
		root, authority, err := Endpoints(tc.cloud)
		if err != nil || root != tc.root || authority != tc.authority {
			t.Errorf("Endpoints(%q) = %q, %q, %v", tc.cloud, root, authority, err)
		}
	}
	for _, bad := range []string{"china", "gcc", "usgovhigh\x1b[2J"} {
		_, _, err := Endpoints(bad)
		if err == nil || !strings.Contains(err.Error(), "global, usgov, dod") || strings.Contains(err.Error(), "\x1b") {
			t.Errorf("Endpoints(%q): %v", bad, err)
		}
	}
}
