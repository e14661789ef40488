package cluster

// The Kubernetes objects, as far as the manifest uses them. Fields are
// in the order kubectl shows them; yaml.v3 keeps struct order, so the
// output is the same bytes every time.
type (
	k8sDoc struct {
		APIVersion string            `yaml:"apiVersion"`
		Kind       string            `yaml:"kind"`
		Metadata   k8sMeta           `yaml:"metadata"`
		Data       map[string]string `yaml:"data,omitempty"`
		Spec       any               `yaml:"spec,omitempty"`
	}
	k8sMeta struct {
		Name   string            `yaml:"name,omitempty"`
		Labels map[string]string `yaml:"labels,omitempty"`
	}
	pvcSpec struct {
		AccessModes      []string  `yaml:"accessModes"`
		StorageClassName string    `yaml:"storageClassName,omitempty"`
		Resources        resources `yaml:"resources"`
	}
	resources struct {
		Requests map[string]string `yaml:"requests,omitempty"`
		Limits   map[string]string `yaml:"limits,omitempty"`
	}
	jobSpec struct {
		CompletionMode       string            `yaml:"completionMode,omitempty"`
		Completions          int               `yaml:"completions"`
		Parallelism          int               `yaml:"parallelism"`
		BackoffLimit         *int              `yaml:"backoffLimit,omitempty"`
		BackoffLimitPerIndex *int              `yaml:"backoffLimitPerIndex,omitempty"`
		PodFailurePolicy     *podFailurePolicy `yaml:"podFailurePolicy,omitempty"`
		Template             podTemplate       `yaml:"template"`
	}
	podFailurePolicy struct {
		Rules []podFailureRule `yaml:"rules"`
	}
	podFailureRule struct {
		Action          string         `yaml:"action"`
		OnExitCodes     *exitCodes     `yaml:"onExitCodes,omitempty"`
		OnPodConditions []podCondition `yaml:"onPodConditions,omitempty"`
	}
	exitCodes struct {
		ContainerName string `yaml:"containerName"`
		Operator      string `yaml:"operator"`
		Values        []int  `yaml:"values,flow"`
	}
	podCondition struct {
		Type   string `yaml:"type"`
		Status string `yaml:"status"`
	}
	podTemplate struct {
		Metadata k8sMeta `yaml:"metadata"`
		Spec     podSpec `yaml:"spec"`
	}
	podSpec struct {
		RestartPolicy   string            `yaml:"restartPolicy"`
		NodeSelector    map[string]string `yaml:"nodeSelector,omitempty"`
		SecurityContext *podSecurity      `yaml:"securityContext,omitempty"`
		Containers      []container       `yaml:"containers"`
		Volumes         []volume          `yaml:"volumes"`
	}
	podSecurity struct {
		RunAsNonRoot   bool           `yaml:"runAsNonRoot"`
		RunAsUser      int            `yaml:"runAsUser"`
		RunAsGroup     int            `yaml:"runAsGroup"`
		FSGroup        int            `yaml:"fsGroup"`
		SeccompProfile seccompProfile `yaml:"seccompProfile"`
	}
	seccompProfile struct {
		Type string `yaml:"type"`
	}
	container struct {
		Name            string             `yaml:"name"`
		Image           string             `yaml:"image"`
		WorkingDir      string             `yaml:"workingDir,omitempty"`
		Args            []string           `yaml:"args"`
		Env             []envVar           `yaml:"env,omitempty"`
		Resources       resources          `yaml:"resources"`
		SecurityContext *containerSecurity `yaml:"securityContext,omitempty"`
		VolumeMounts    []volumeMount      `yaml:"volumeMounts"`
	}
	envVar struct {
		Name      string     `yaml:"name"`
		ValueFrom *envSource `yaml:"valueFrom,omitempty"`
	}
	envSource struct {
		FieldRef fieldRef `yaml:"fieldRef"`
	}
	fieldRef struct {
		FieldPath string `yaml:"fieldPath"`
	}
	containerSecurity struct {
		AllowPrivilegeEscalation *bool        `yaml:"allowPrivilegeEscalation"`
		ReadOnlyRootFilesystem   bool         `yaml:"readOnlyRootFilesystem"`
		Capabilities             capabilities `yaml:"capabilities"`
	}
	capabilities struct {
		Drop []string `yaml:"drop"`
	}
	volumeMount struct {
		Name      string `yaml:"name"`
		MountPath string `yaml:"mountPath"`
		ReadOnly  bool   `yaml:"readOnly,omitempty"`
	}
	volume struct {
		Name                  string           `yaml:"name"`
		ConfigMap             *configMapVolume `yaml:"configMap,omitempty"`
		PersistentVolumeClaim *pvcVolume       `yaml:"persistentVolumeClaim,omitempty"`
	}
	configMapVolume struct {
		Name  string      `yaml:"name"`
		Items []keyToPath `yaml:"items"`
	}
	keyToPath struct {
		Key  string `yaml:"key"`
		Path string `yaml:"path"`
	}
	pvcVolume struct {
		ClaimName string `yaml:"claimName"`
	}
)
