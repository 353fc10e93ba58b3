// The baseline the benchmark compares with: yaml-cpp's YAML::LoadFile of the same file, in a
// process of its own so its time and peak memory are measured the same way as soc2scope's.
#include <cstdio>

#include <yaml-cpp/yaml.h>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: yaml_loadfile FILE\n");
        return 2;
    }
    const YAML::Node root = YAML::LoadFile(argv[1]);
    return root.IsMap() ? 0 : 1;
}
