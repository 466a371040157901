"""`pip install . --no-build-isolation` (offline, with Debian's setuptools): builds the
module with CMake into build/pip and installs the package. `make python` is the
documented way (docs/python.md); this is for pip users and virtual environments
created with --system-site-packages (pandas and numpy still come from Debian)."""

import os
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent


class CMakeBuild(build_ext):
    """Builds the CMake target pivot_python for this interpreter and puts _pivot.*.so in place."""

    def build_extension(self, ext):
        build = ROOT / "build" / "pip"
        subprocess.check_call(["cmake", "-S", str(ROOT), "-B", str(build), "-DCMAKE_BUILD_TYPE=Release",
                               "-DPIVOT_PYTHON=ON", f"-DPIVOT_PYTHON_EXECUTABLE={sys.executable}",
                               "-DPIVOT_TESTS=OFF", "-DPIVOT_BENCH=OFF"], stdout=subprocess.DEVNULL)
        subprocess.check_call(["cmake", "--build", str(build), "-j", str(os.cpu_count() or 1), "--target",
                               "pivot_python"])
        built = next((build / "python" / "pivot").glob("_pivot*.so"))
        target = Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        self.copy_file(str(built), str(target))


setup(
    name="pivot",
    version="0.1.0",
    description="Forecast, solve and price strategic bargaining between states (pivot's C++ pipeline)",
    packages=["pivot"],
    package_dir={"": "python"},
    package_data={"pivot": ["py.typed", "*.pyi"]},
    ext_modules=[Extension("pivot._pivot", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
    python_requires=">=3.9",
    install_requires=["numpy", "pandas"],
    zip_safe=False,
)
