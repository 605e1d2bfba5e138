# Standard nbdev-2 setup: every setting comes from settings.ini.
from configparser import ConfigParser
import setuptools, shlex
from pathlib import Path

config = ConfigParser(delimiters=['='])
config.read('settings.ini', encoding='utf-8')
cfg = config['DEFAULT']

cfg_keys = 'version description keywords author author_email'.split()
expected = cfg_keys + 'lib_name user branch license status min_python audience language'.split()
for o in expected: assert o in cfg, f"missing expected setting: {o}"
setup_cfg = {o: cfg[o] for o in cfg_keys}

licenses = {'apache2': 'Apache-2.0', 'mit': 'MIT'}  # SPDX expressions (setuptools deprecates license classifiers)
statuses = ['0 - Pre-Planning', '1 - Planning', '2 - Pre-Alpha', '3 - Alpha', '4 - Beta', '5 - Production/Stable', '6 - Mature', '7 - Inactive']
py_versions = '3.10 3.11 3.12 3.13'.split()

requirements = shlex.split(cfg.get('requirements', ''))
if cfg.get('pip_requirements'): requirements += shlex.split(cfg.get('pip_requirements', ''))
min_python = cfg['min_python']
lic = licenses.get(cfg['license'].lower(), cfg['license'])
dev_requirements = shlex.split(cfg.get('dev_requirements', ''))
ray_requirements = shlex.split(cfg.get('ray_requirements', ''))  # optional: jobs beyond one machine (cenas jacobians --ray)

data_pkgs = {'cenas.data': 'data'}
data_pkgs.update({f'cenas.data.{d.name}': f'data/{d.name}' for d in sorted(Path('data').iterdir()) if d.is_dir()})

setuptools.setup(
    name=cfg['lib_name'],
    license=lic,
    classifiers=[
        'Development Status :: ' + statuses[int(cfg['status'])],
        'Intended Audience :: ' + cfg['audience'].title(),
        'Natural Language :: ' + cfg['language'].title(),
    ] + ['Programming Language :: Python :: ' + o for o in py_versions[py_versions.index(min_python):]],
    url=cfg['git_url'],
    # The top-level data/ folder (and each of its sub-folders) ships inside the wheel as cenas.data.
    packages=setuptools.find_packages(include=['cenas', 'cenas.*']) + list(data_pkgs),
    package_dir=data_pkgs,
    package_data={p: ['*'] for p in data_pkgs},
    include_package_data=True,
    install_requires=requirements,
    extras_require={'ray': ray_requirements, 'dev': dev_requirements + ray_requirements},  # the tests run the Ray executor
    dependency_links=cfg.get('dep_links', '').split(),
    python_requires='>=' + cfg['min_python'],
    long_description=open('README.md', encoding='utf-8').read(),
    long_description_content_type='text/markdown',
    zip_safe=False,
    entry_points={
        'console_scripts': cfg.get('console_scripts', '').split(),
        'nbdev': [f'{cfg.get("lib_path")}={cfg.get("lib_path")}._modidx:d'],
    },
    **setup_cfg)
