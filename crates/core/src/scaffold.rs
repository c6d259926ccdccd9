//! The files `pathwise init` writes: a small team curriculum that extends the built-in guide.

pub const FILES: &[(&str, &str)] = &[
    (
        "README.md",
        "# Our team's curriculum\n\n\
         These files extend pathwise's built-in guide with what our group needs. Topics may require\n\
         built-in topics (see `pathwise topics`), resources may teach any topic, and questions are\n\
         asked after the built-in ones.\n\n\
         ```sh\n\
         pathwise check --paths .        # every problem, with its file and line\n\
         pathwise plan --paths .         # a plan that includes our topics\n\
         ```\n\n\
         Set `PATHWISE_PATHS` to this folder (or add it to `paths:` in the pathwise configuration\n\
         file) to use it without `--paths`. The format is described in pathwise's\n\
         docs/curriculum-format.md.\n",
    ),
    (
        "topics.yaml",
        "# Our own topics. `requires` may name built-in topics.\n\
         topics:\n\
         \x20 - id: our-cluster\n\
         \x20   title: Running Python on our cluster\n\
         \x20   area: scale\n\
         \x20   requires: [python-on-clusters, mpi4py-basics]\n\
         \x20   hours: 3\n\
         \x20   summary: >-\n\
         \x20     Our modules, partitions and storage, and a first MPI job on our machine.\n",
    ),
    (
        "resources.yaml",
        "# What to read or try for our topics (or for built-in ones).\n\
         resources:\n\
         \x20 - id: our-cluster-guide\n\
         \x20   title: Our cluster's user guide\n\
         \x20   url: https://example.org/cluster-guide\n\
         \x20   kind: documentation\n\
         \x20   teaches: [our-cluster]\n\
         \x20   level: beginner\n\
         \x20   cost: free\n\
         \x20   hours: 2\n\
         \x20   summary: Replace this with the address of your own documentation.\n",
    ),
    (
        "questions.yaml",
        "# Extra questions, asked after the built-in ones. Their ids are keys in answers files.\n\
         questions:\n\
         \x20 - id: our_cluster\n\
         \x20   prompt: Will you run jobs on our cluster?\n\
         \x20   kind: multiselect\n\
         \x20   default: []\n\
         \x20   options:\n\
         \x20     - id: yes-jobs\n\
         \x20       label: Yes, I will run jobs there\n\
         \x20       wants: [our-cluster]\n",
    ),
];
