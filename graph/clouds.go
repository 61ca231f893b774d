package graph

import (
	"fmt"
	"strings"
)

// A cloud's Graph root and Microsoft Entra authority host. Call records are
// not available in the China cloud.
var clouds = []struct {
	name, graphRoot, authorityHost string
}{
	{"global", "https://graph.microsoft.com", "https://login.microsoftonline.com/"},
	{"usgov", "https://graph.microsoft.us", "https://login.microsoftonline.us/"},
	{"dod", "https://dod-graph.microsoft.us", "https://login.microsoftonline.us/"},
}

// Clouds lists the names Endpoints accepts.
func Clouds() []string {
	names := make([]string, len(clouds))
	for i, c := range clouds {
		names[i] = c.name
	}
	return names
}

// Endpoints gives the Graph root (no trailing slash) and the authority host
// of a national cloud: "global" (or ""), "usgov" (US Government L4, GCC High)
// or "dod" (US Government L5).
func Endpoints(cloud string) (graphRoot, authorityHost string, err error) {
	name := strings.ToLower(strings.TrimSpace(cloud))
	if name == "" {
		name = "global"
	}
	for _, c := range clouds {
		if c.name == name {
			return c.graphRoot, c.authorityHost, nil
		}
	}
	return "", "", fmt.Errorf("unknown cloud %q: use one of %s (call records are not available in the China cloud)",
		clean(cloud, 40), strings.Join(Clouds(), ", "))
}

// isGraphHost says whether host (no port) is the Graph root of a known cloud.
func isGraphHost(host string) bool {
	for _, c := range clouds {
		if strings.EqualFold("https://"+host, c.graphRoot) {
			return true
		}
	}
	return false
}
