import type { UrlMatch } from '@/utils/core/paper-ref';

/*
 * CVF open access (CVPR, ICCV, WACV, ACCV, ECCV 2018, and their workshops)
 * on openaccess.thecvf.com. A paper's file name is its identity within a
 * conference year: `<Name>_<CONF>_<YEAR>_paper` (`<Name>_<YEAR>_<CONF>_paper`
 * in 2013–2015), as `html/….html` (the abstract page) and `papers/….pdf`.
 * The folder around it changed over the years:
 *   `/content/CVPR2021/html/…`, `/content/CVPR2021W/<workshop>/html/…`,
 *   `/content_cvpr_2017/html/…`, `/content_cvpr_2017_workshops/<w>/papers/…`,
 *   `/content_cvpr_workshops_2015/<w>/html/…`,
 *   `/content_ICCV_2019/html/…`, `/content_CVPRW_2020/html/<w>/…`.
 * Key: `cvf:<conf><year>[w]/<name>`, all lower case (the folders' case
 * varies), `w` for workshops: `cvf:cvpr2016/he_deep_residual_learning`.
 * Supplements, day listings and search pages are not the paper.
 *
 * Tested on:
 *   https://openaccess.thecvf.com/content/CVPR2021/html/Wu_Greedy_Hierarchical_Variational_Autoencoders_for_Large-Scale_Video_Prediction_CVPR_2021_paper.html → cvf:cvpr2021/wu_greedy_hierarchical_variational_autoencoders_for_large-scale_video_prediction
 *   https://openaccess.thecvf.com/content/CVPR2021/papers/Wu_Greedy_Hierarchical_Variational_Autoencoders_for_Large-Scale_Video_Prediction_CVPR_2021_paper.pdf → cvf:cvpr2021/wu_greedy_hierarchical_variational_autoencoders_for_large-scale_video_prediction
 *   https://openaccess.thecvf.com/content/WACV2021/html/Fortin_Towards_Contextual_Learning_in_Few-Shot_Object_Classification_WACV_2021_paper.html → cvf:wacv2021/fortin_towards_contextual_learning_in_few-shot_object_classification
 *   https://openaccess.thecvf.com/content/CVPR2022W/WAD/papers/Zheng_Multi-Modal_3D_Human_Pose_Estimation_With_2D_Weak_Supervision_in_CVPRW_2022_paper.pdf → cvf:cvpr2022w/zheng_multi-modal_3d_human_pose_estimation_with_2d_weak_supervision_in
 *   https://openaccess.thecvf.com/content_CVPRW_2020/html/w54/He_Image2Audio_Facilitating_Semi-Supervised_Audio_Emotion_Recognition_With_Facial_Expression_Image_CVPRW_2020_paper.html → cvf:cvpr2020w/he_image2audio_facilitating_semi-supervised_audio_emotion_recognition_with_facial_expression_image
 *   https://openaccess.thecvf.com/content_ICCV_2019/html/Rossler_FaceForensics_Learning_to_Detect_Manipulated_Facial_Images_ICCV_2019_paper.html → cvf:iccv2019/rossler_faceforensics_learning_to_detect_manipulated_facial_images
 *   https://openaccess.thecvf.com/content_cvpr_2017/html/Zhu_Unpaired_Image-To-Image_Translation_ICCV_2017_paper.html → none
 *   https://openaccess.thecvf.com/content_ICCV_2017/papers/Zhu_Unpaired_Image-To-Image_Translation_ICCV_2017_paper.pdf → cvf:iccv2017/zhu_unpaired_image-to-image_translation
 *   https://openaccess.thecvf.com/content_cvpr_2016/html/He_Deep_Residual_Learning_CVPR_2016_paper.html → cvf:cvpr2016/he_deep_residual_learning
 *   https://openaccess.thecvf.com/content_cvpr_2017_workshops/w12/papers/Lim_Enhanced_Deep_Residual_CVPR_2017_paper.pdf → cvf:cvpr2017w/lim_enhanced_deep_residual
 *   https://openaccess.thecvf.com/content_cvpr_2015/papers/Szegedy_Going_Deeper_With_2015_CVPR_paper.pdf → cvf:cvpr2015/szegedy_going_deeper_with
 *   https://openaccess.thecvf.com/content_cvpr_workshops_2015/W13/html/Li_A_Semi-Supervised_Approach_2015_CVPR_paper.html → cvf:cvpr2015w/li_a_semi-supervised_approach
 *   https://openaccess.thecvf.com/content_ECCVW_2018/papers/11133/Wang_ESRGAN_Enhanced_Super-Resolution_Generative_Adversarial_Networks_ECCVW_2018_paper.pdf → cvf:eccv2018w/wang_esrgan_enhanced_super-resolution_generative_adversarial_networks
 *   https://openaccess.thecvf.com/content_cvpr_2014/html/Zhang_Multi-Shot_Imaging_Joint_2014_CVPR_paper.html → cvf:cvpr2014/zhang_multi-shot_imaging_joint
 *   https://openaccess.thecvf.com/content_ECCV_2018/html/Bin_Xiao_Simple_Baselines_for_ECCV_2018_paper.html → cvf:eccv2018/bin_xiao_simple_baselines_for
 *   https://openaccess.thecvf.com/content/CVPR2021/supplemental/Wu_Greedy_Hierarchical_Variational_CVPR_2021_supplemental.pdf → none
 *   https://openaccess.thecvf.com/CVPR2021?day=all → none
 */

/** The conference folder, `html|papers` with a workshop folder before or after it, the file. */
const PATH =
  /^\/(content\/[^/]+|content_[^/]+)\/(?:[^/]+\/)?(?:html|papers)\/(?:[^/]+\/)?([^/]+)_paper\.(?:html|pdf)$/i;
/** The folder once `content/`, `_workshops` and `_` are normalized away: `CVPR2021W`, `cvprW2015`. */
const FOLDER = /^([a-z]+?)(w?)(\d{4})(w?)$/i;
/** The file name: `<Name>_CVPR_2021`, `<Name>_CVPRW_2021`, `<Name>_2015_CVPR`. */
const FILE = /^(.+)_(?:([a-z]+?)w?_(\d{4})|(\d{4})_([a-z]+?)w?)$/i;

/** Detects a CVF open access paper from its abstract page or PDF URL. */
export function matchCvfUrl(url: URL): UrlMatch | null {
  if (url.hostname !== 'openaccess.thecvf.com') return null;
  const [, folder = '', file = ''] = PATH.exec(url.pathname) ?? [];
  const at = FOLDER.exec(
    folder
      .replace(/^content./i, '')
      .replace(/_workshops/i, 'W')
      .replace(/_/g, ''),
  );
  const named = FILE.exec(file);
  if (!at?.[1] || !named?.[1]) return null;
  const [, conf = '', w1, year, w2] = at;
  // The file must name the conference year of its folder.
  if ((named[2] ?? named[5] ?? '').toLowerCase() !== conf.toLowerCase()) return null;
  if ((named[3] ?? named[4]) !== year) return null;
  return { keys: [`cvf:${conf}${year}${w1 || w2 ? 'w' : ''}/${named[1]}`.toLowerCase()] };
}
