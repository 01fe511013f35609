// health reads Kubernetes objects (the JSON of `kubectl get -o json`, a List or one object) on stdin and
// prints, one JSON line per object, the health two GitOps tools would show for it:
//   - kstatus: sigs.k8s.io/cli-utils pkg/kstatus/status, the library Flux's health checks use;
//   - argocd: the Argo CD Lua health check for the object's kind, taken from the argo-cd chart values
//     snippet we ship (-argocd-values), run by github.com/yuin/gopher-lua, the Lua engine Argo CD embeds.
//
// Usage: kubectl get crossaccountdtsgrants -o json | health -argocd-values docs/argocd/values-health.yaml
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	lua "github.com/yuin/gopher-lua"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/cli-utils/pkg/kstatus/status"
	"sigs.k8s.io/yaml"
)

type verdict struct {
	Kind           string `json:"kind"`
	Name           string `json:"name"`
	Kstatus        string `json:"kstatus"`
	KstatusMessage string `json:"kstatusMessage"`
	Argocd         string `json:"argocd"`
	ArgocdMessage  string `json:"argocdMessage"`
}

func main() {
	valuesPath := flag.String("argocd-values", "docs/argocd/values-health.yaml", "argo-cd chart values holding the health checks")
	flag.Parse()
	scripts, err := healthScripts(*valuesPath)
	if err != nil {
		fail(err)
	}
	input, err := io.ReadAll(os.Stdin)
	if err != nil {
		fail(err)
	}
	var doc map[string]interface{}
	if err := json.Unmarshal(input, &doc); err != nil {
		fail(fmt.Errorf("stdin: %w", err))
	}
	items := []interface{}{doc}
	if list, ok := doc["items"].([]interface{}); ok {
		items = list
	}
	out := json.NewEncoder(os.Stdout)
	for _, item := range items {
		raw, err := json.Marshal(item)
		if err != nil {
			fail(err)
		}
		obj := &unstructured.Unstructured{}
		if err := obj.UnmarshalJSON(raw); err != nil { // integers as int64, as kstatus expects
			fail(err)
		}
		v := verdict{Kind: obj.GetKind(), Name: obj.GetName()}
		result, err := status.Compute(obj)
		if err != nil {
			fail(fmt.Errorf("kstatus %s/%s: %w", v.Kind, v.Name, err))
		}
		v.Kstatus, v.KstatusMessage = result.Status.String(), result.Message
		key := "resource.customizations.health." + groupOf(obj.GetAPIVersion()) + "_" + obj.GetKind()
		script, ok := scripts[key]
		if !ok {
			fail(fmt.Errorf("no %s in %s", key, *valuesPath))
		}
		v.Argocd, v.ArgocdMessage, err = runLua(script, obj.Object)
		if err != nil {
			fail(fmt.Errorf("lua %s: %w", key, err))
		}
		if err := out.Encode(v); err != nil {
			fail(err)
		}
	}
}

// healthScripts reads configs.cm of the argo-cd chart values: the resource.customizations.health.* keys.
func healthScripts(path string) (map[string]string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var values struct {
		Configs struct {
			Cm map[string]string `json:"cm"`
		} `json:"configs"`
	}
	if err := yaml.Unmarshal(raw, &values); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return values.Configs.Cm, nil
}

func groupOf(apiVersion string) string {
	if i := strings.Index(apiVersion, "/"); i >= 0 {
		return apiVersion[:i]
	}
	return ""
}

// runLua runs a health script as Argo CD does: the object as global `obj`; the script returns a table
// with `status` and `message`.
func runLua(script string, obj map[string]interface{}) (string, string, error) {
	l := lua.NewState(lua.Options{SkipOpenLibs: true})
	defer l.Close()
	for _, lib := range []struct {
		name string
		fn   lua.LGFunction
	}{{lua.LoadLibName, lua.OpenPackage}, {lua.BaseLibName, lua.OpenBase}, {lua.TabLibName, lua.OpenTable},
		{lua.StringLibName, lua.OpenString}, {lua.MathLibName, lua.OpenMath}} {
		l.Push(l.NewFunction(lib.fn))
		l.Push(lua.LString(lib.name))
		l.Call(1, 0)
	}
	l.SetGlobal("obj", toLua(l, obj))
	if err := l.DoString(script); err != nil {
		return "", "", err
	}
	table, ok := l.Get(-1).(*lua.LTable)
	if !ok {
		return "", "", fmt.Errorf("script returned %s, not a table", l.Get(-1).Type())
	}
	return lua.LVAsString(table.RawGetString("status")), lua.LVAsString(table.RawGetString("message")), nil
}

func toLua(l *lua.LState, value interface{}) lua.LValue {
	switch v := value.(type) {
	case nil:
		return lua.LNil
	case bool:
		return lua.LBool(v)
	case string:
		return lua.LString(v)
	case float64:
		return lua.LNumber(v)
	case int64:
		return lua.LNumber(v)
	case int:
		return lua.LNumber(v)
	case []interface{}:
		t := l.NewTable()
		for _, e := range v {
			t.Append(toLua(l, e))
		}
		return t
	case map[string]interface{}:
		t := l.NewTable()
		for k, e := range v {
			t.RawSetString(k, toLua(l, e))
		}
		return t
	default:
		return lua.LString(fmt.Sprint(v))
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "health:", err)
	os.Exit(1)
}
